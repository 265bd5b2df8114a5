import { terminalProgress } from '../../lib/cli/progress';

test('the progress bar redraws one line in place and clears it when done', () => {
  let written = '';
  const stream = { write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
  const bar = terminalProgress(stream)!;
  bar.start(4);
  bar.update(1, 0.5);
  bar.update(4, 0.0123456789);
  bar.stop();
  const frames = written.split('\r\x1b[2K');
  expect(frames[0]).toBe('\x1b[?25l');
  expect(frames[1]).toBe(`training [${'-'.repeat(40)}] epoch 0/4  loss -`);
  expect(frames[2]).toBe(`training [${'='.repeat(10)}${'-'.repeat(30)}] epoch 1/4  loss 0.500000`);
  expect(frames[3]).toBe(`training [${'='.repeat(40)}] epoch 4/4  loss 0.012346`);
  expect(frames[4]).toBe('\x1b[?25h'); // the line cleared and the cursor shown again
  expect(written).not.toContain('\n');
});
