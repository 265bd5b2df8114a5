import * as tg from '../../lib';

const x = () => tg.ones([1], { requiresGrad: true });

describe('grad mode', () => {
  test('noGrad and enableGrad nest and return the result', () => {
    expect(tg.isGradEnabled()).toBe(true);
    const r = tg.noGrad(() => {
      expect(tg.isGradEnabled()).toBe(false);
      const inner = tg.enableGrad(() => x().mul(2));
      expect(inner.requiresGrad).toBe(true);
      return x().mul(2);
    });
    expect(r.requiresGrad).toBe(false);
    expect(tg.isGradEnabled()).toBe(true);
  });

  test('noGrad over an async function holds across its awaits and returns its promise', async () => {
    const p = tg.noGrad(async () => {
      await new Promise((res) => setTimeout(res, 5));
      return x().mul(2).requiresGrad;
    });
    expect(p).toBeInstanceOf(Promise);
    expect(tg.isGradEnabled()).toBe(true);
    expect(await p).toBe(false);
  });

  test('the mode does not leak into concurrent requests', async () => {
    const log: string[] = [];
    const request = async (name: string, off: boolean) => {
      const body = async () => {
        for (let i = 0; i < 3; i++) {
          await new Promise((res) => setTimeout(res, 2 + (i % 2)));
          log.push(`${name}:${tg.isGradEnabled()}`);
        }
      };
      return off ? tg.noGrad(body) : body();
    };
    await Promise.all([request('a', true), request('b', false), request('c', true)]);
    for (const entry of log) {
      expect(entry).toBe(entry.startsWith('b') ? 'b:true' : `${entry[0]}:false`);
    }
  });

  test('setGradEnabled sets the mode for the current async context and what it starts', async () => {
    await (async () => {
      tg.setGradEnabled(false);
      expect(tg.isGradEnabled()).toBe(false);
      await new Promise((res) => setTimeout(res, 1));
      expect(tg.isGradEnabled()).toBe(false);
      expect(x().mul(2).requiresGrad).toBe(false);
      tg.setGradEnabled(true);
    })();
  });

  test('a non-function or non-boolean is an ARGUMENT error', () => {
    expect(() => tg.noGrad(5 as never)).toThrow(tg.TensorError);
    expect(() => tg.setGradEnabled('yes' as never)).toThrow(tg.TensorError);
  });
});
