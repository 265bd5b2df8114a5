// A one-line progress bar over epochs for terminals: redrawn in place, cleared when done.
import type { Ui } from './linreg';

const WIDTH = 40;

/** A progress bar on `stream` (a TTY): `training [=====-----] epoch 3/10  loss 0.123456`. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stdout): Ui['progress'] {
  let total = 1;
  const draw = (epoch: number, loss: string) => {
    const filled = Math.round((WIDTH * Math.min(epoch, total)) / total);
    stream.write(`\r\x1b[2Ktraining [${'='.repeat(filled)}${'-'.repeat(WIDTH - filled)}] epoch ${epoch}/${total}  loss ${loss}`);
  };
  return {
    start: (n) => {
      total = Math.max(1, n);
      stream.write('\x1b[?25l'); // hide the cursor while drawing
      draw(0, '-');
    },
    update: (epoch, loss) => draw(epoch, loss.toFixed(6)),
    stop: () => stream.write('\r\x1b[2K\x1b[?25h'),
  };
}
