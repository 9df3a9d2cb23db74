/** A one-line progress indicator on a terminal's stderr; silent when stderr is a pipe or file. */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true && total > 1;
  let shown = false;
  const clear = () => {
    if (enabled && shown) stream.write("\r\x1b[2K");
    shown = false;
  };
  return {
    update(done: number, label: string) {
      if (!enabled) return;
      const width = Math.max(20, (stream.columns ?? 80) - 16);
      const text = label.length > width ? `…${label.slice(-(width - 1))}` : label;
      stream.write(`\r\x1b[2K[${done + 1}/${total}] ${text}`);
      shown = true;
    },
    clear,
    done: clear,
  };
}
