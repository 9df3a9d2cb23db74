import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { DocumentError } from "./types.js";

/**
 * Which addresses a feed may be fetched from. An admin's URL, a feed's redirect or a page's
 * `rel=alternate` link must not make the bot read the machine it runs on, the private network
 * or a cloud metadata service and then show the answer to every reader as news.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** The one text for a refused address and for any failure to connect: no probing of ports or hosts through it. */
export const UNREACHABLE_TEXT = "could not connect (host unreachable or not allowed)";

/** [first address as a 32-bit number, prefix length] */
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network", including the unspecified 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking networks
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, including broadcast 255.255.255.255
];

function v4ToNumber(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

const BLOCKED_V4_RANGES = BLOCKED_V4.map(([start, bits]) => {
  const size = 2 ** (32 - bits);
  const first = v4ToNumber(start);
  return { first, last: first + size - 1 };
});

function isBlockedV4(address: string): boolean {
  const n = v4ToNumber(address);
  return BLOCKED_V4_RANGES.some((range) => n >= range.first && n <= range.last);
}

/** The eight 16-bit groups of an IPv6 address (with or without an embedded dotted quad). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4ToNumber(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const middle = new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0);
  return [...left, ...middle, ...right];
}

function embeddedV4(groups: number[], at: number): string {
  const hi = groups[at] ?? 0;
  const lo = groups[at + 1] ?? 0;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
}

function isBlockedV6(address: string): boolean {
  const g = v6Groups(address);
  const first = g[0] ?? 0;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return true; // :: unspecified
  if (zeroUpTo(7) && g[7] === 1) return true; // ::1 loopback
  if (zeroUpTo(5) && g[5] === 0xffff) return isBlockedV4(embeddedV4(g, 6)); // ::ffff:a.b.c.d mapped
  if (zeroUpTo(6)) return true; // ::a.b.c.d, the deprecated IPv4-compatible form
  if (first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isBlockedV4(embeddedV4(g, 6)); // NAT64
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true; // fec0::/10 old site-local
  if ((first & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (first === 0x2001 && g[1] === 0x0db8) return true; // documentation
  return false;
}

/** Whether an IP address (v4 or v6, without brackets) is one feeds may be fetched from. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !isBlockedV4(address);
  if (family === 6) return !isBlockedV6(address);
  return false;
}

/** A refused host; its message is the neutral text, the address stays out of anything shown. */
export class AddressRefusedError extends DocumentError {
  constructor() {
    super(UNREACHABLE_TEXT);
    this.name = "AddressRefusedError";
  }
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** How hosts are resolved and judged: the system resolver and isPublicAddress unless replaced (tests). */
export interface AddressRules {
  resolve?: Resolver;
  allows?: (address: string) => boolean;
}

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * The addresses to connect to for a URL's host, every one checked; the connection must use
 * these and nothing resolved later. Throws AddressRefusedError when any answer is not public
 * (a name that also points inside is refused whole) or when the name does not resolve.
 */
export async function resolvePublicHost(
  hostname: string,
  opts: { allowPrivate: boolean } & AddressRules,
): Promise<ResolvedAddress[]> {
  const allows = opts.allows ?? isPublicAddress;
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  const literal = isIP(bare);
  if (literal) {
    if (!opts.allowPrivate && !allows(bare)) throw new AddressRefusedError();
    return [{ address: bare, family: literal === 6 ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (opts.resolve ?? systemResolver)(bare);
  } catch (error) {
    // An operator who allowed private feeds trusts the network and is told why (fetch-document
    // words the code); otherwise a missing name reads like a refused one.
    if (opts.allowPrivate) throw error;
    throw new AddressRefusedError();
  }
  if (addresses.length === 0) throw new AddressRefusedError();
  if (!opts.allowPrivate && addresses.some((a) => !allows(a.address))) throw new AddressRefusedError();
  return addresses;
}
