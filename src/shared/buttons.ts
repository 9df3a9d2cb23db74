/**
 * Inline buttons as declarations. Callback data is at most 64 bytes and anyone can send any data,
 * so a button kind is declared once — a literal prefix and typed fields with their ranges — and
 * the declaration yields the encoder, a decoder that accepts only what the encoder writes
 * (canonical form, ranges checked, ≤ 64 bytes) and a regex for grammY's `callbackQuery` filter.
 *
 *   const mute = defineButton("a1", "m", int("watchId", 1, Number.MAX_SAFE_INTEGER));
 *   mute.encode({ watchId: 42 })  // "a1:m:16"
 *   mute.decode("a1:m:16")        // { watchId: 42 }
 */

export const MAX_CALLBACK_BYTES = 64;

/** One named, typed segment of callback data. */
export interface Field<N extends string, T> {
  readonly name: N;
  /** undefined for anything `format` would not have written. */
  parse(text: string): T | undefined;
  format(value: T): string;
}

/** Any field, whatever its value type (`format` takes `never` so every Field<N, T> fits). */
export interface AnyField {
  readonly name: string;
  parse(text: string): unknown;
  format(value: never): string;
}

export type Segment = string | AnyField;

/** The values a declaration's fields carry, by field name. */
export type ButtonValues<S extends readonly unknown[]> = {
  [F in Extract<S[number], AnyField> as F["name"]]: F extends Field<string, infer T> ? T : never;
};

export interface ButtonCodec<V> {
  /** Throws RangeError for values outside the declared ranges: only a bug gets there. */
  encode(values: V): string;
  decode(data: string): V | undefined;
  /** Matches data of this kind's shape (for `bot.callbackQuery`); decode still judges the values. */
  readonly filter: RegExp;
}

const BASE36 = /^-?(0|[1-9a-z][0-9a-z]{0,11})$/;

/** Parses a canonical base36 integer in [min, max]; undefined for anything toString(36) would not write. */
export function parseBase36(text: string, min: number, max: number): number | undefined {
  if (!BASE36.test(text)) return undefined;
  const value = Number.parseInt(text, 36);
  if (!Number.isSafeInteger(value) || value < min || value > max) return undefined;
  return value.toString(36) === text ? value : undefined;
}

/** An integer in [min, max], written in lower-case base36 without leading zeros. */
export function int<N extends string>(name: N, min: number, max: number): Field<N, number> {
  return { name, parse: (text) => parseBase36(text, min, max), format: (value) => value.toString(36) };
}

/** The range a JavaScript Date can hold; anything outside is forged. */
const MAX_DATE_MS = 8.64e15;

/** An instant, as base36 milliseconds. */
export function date<N extends string>(name: N): Field<N, Date> {
  return {
    name,
    parse: (text) => {
      const ms = parseBase36(text, -MAX_DATE_MS, MAX_DATE_MS);
      return ms === undefined ? undefined : new Date(ms);
    },
    format: (value) => value.getTime().toString(36),
  };
}

/** One of a few values, each written as its code (`{ m: "main", t: "time" }`). */
export function oneOf<N extends string, T extends string | boolean>(name: N, codes: Readonly<Record<string, T>>): Field<N, T> {
  const byValue = new Map(Object.entries(codes).map(([code, value]) => [value, code]));
  return {
    name,
    parse: (text) => (Object.hasOwn(codes, text) ? codes[text] : undefined),
    format: (value) => byValue.get(value) ?? "",
  };
}

/** true/false as 1/0. */
export function flag<N extends string>(name: N): Field<N, boolean> {
  return oneOf(name, { "1": true, "0": false });
}

/** A string taken as it is, if it passes `accepts` (a pattern, or a set of known values) and has no ':'. */
export function text<N extends string>(name: N, accepts: RegExp | ReadonlySet<string>): Field<N, string> {
  const ok = (value: string) => !value.includes(":") && (accepts instanceof RegExp ? accepts.test(value) : accepts.has(value));
  return { name, parse: (value) => (ok(value) ? value : undefined), format: (value) => value };
}

const escapeRegex = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A button kind: literal segments (prefix, op codes) and fields, joined by ':' in the given order. */
export function defineButton<const S extends readonly Segment[]>(...segments: S): ButtonCodec<ButtonValues<S>> {
  const filter = new RegExp(`^${segments.map((s) => (typeof s === "string" ? escapeRegex(s) : "[^:]+")).join(":")}$`);
  const decode = (data: string): ButtonValues<S> | undefined => {
    if (Buffer.byteLength(data, "utf8") > MAX_CALLBACK_BYTES) return undefined;
    const parts = data.split(":");
    if (parts.length !== segments.length) return undefined;
    const values: Record<string, unknown> = {};
    for (const [i, segment] of segments.entries()) {
      const part = parts[i] as string;
      if (typeof segment === "string") {
        if (part !== segment) return undefined;
        continue;
      }
      const value = (segment as Field<string, unknown>).parse(part);
      if (value === undefined) return undefined;
      values[segment.name] = value;
    }
    return values as ButtonValues<S>;
  };
  return {
    filter,
    decode,
    encode(values) {
      const given = values as Record<string, unknown>;
      const data = segments.map((s) => (typeof s === "string" ? s : (s as Field<string, unknown>).format(given[s.name]))).join(":");
      // Only a bug (a non-integer, an absurd value) gets here; better to fail loudly than send a dead button.
      const back = decode(data) as Record<string, unknown> | undefined;
      const same = back !== undefined && segments.every((s) => typeof s === "string" || sameValue(back[s.name], given[s.name]));
      if (!same) throw new RangeError(`cannot encode button ${JSON.stringify(values)} as ${JSON.stringify(data)}`);
      return data;
    },
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** Decodes with the first of several kinds that accepts the data. */
export function decodeFirst<R>(data: string, decoders: ReadonlyArray<(data: string) => R | undefined>): R | undefined {
  for (const decode of decoders) {
    const result = decode(data);
    if (result !== undefined) return result;
  }
  return undefined;
}

/**
 * The buttons one feature handles: a filter for grammY's `callbackQuery` (the data's shape) and the
 * decoder that judges the values. A feature is reached only by data shaped like its own buttons.
 */
export interface ButtonRoute<V> {
  readonly filter: RegExp;
  decode(data: string): V | undefined;
}

/** The route of several button kinds: data matching any of their filters, judged by `decode`. */
export function buttonRoute<V>(kinds: ReadonlyArray<{ readonly filter: RegExp }>, decode: (data: string) => V | undefined): ButtonRoute<V> {
  return { filter: new RegExp(kinds.map((k) => `(?:${k.filter.source})`).join("|")), decode };
}
