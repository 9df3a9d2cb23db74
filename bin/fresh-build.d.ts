export function builtIsFresh(srcDir: string, stampFile: string): boolean;
