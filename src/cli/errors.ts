/** Wrong arguments: the message is printed with the usage hint, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An expected failure with a message for the operator (no stack trace), exit status 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}

/** Appended to a refused inside address when the operator typed it: they may allow such feeds. */
export const PRIVATE_HINT = "; a feed on this machine or a private network needs ALLOW_PRIVATE_FEEDS=true";
