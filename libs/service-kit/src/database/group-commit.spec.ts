import { GroupCommit, type GroupCommitOptions } from './group-commit';

interface Item {
  id: string;
  key?: string;
  bad?: boolean;
}

/** A committer whose batches stay open until `finish` is called, recording every batch it ran. */
function recordingCommitter(options: Partial<GroupCommitOptions<Item, string>> = {}) {
  const batches: string[][] = [];
  const open: (() => void)[] = [];
  const committer = new GroupCommit<Item, string>({
    name: 'test',
    maxBatchSize: 10,
    maxConcurrentBatches: 1,
    keysOf: (item) => (item.key ? [item.key] : []),
    run: async (items) => {
      batches.push(items.map((item) => item.id));
      await new Promise<void>((resolve) => open.push(resolve));
      if (items.some((item) => item.bad) && items.length > 1) throw new Error('deadlock detected');
      return items.map((item) => (item.bad ? { status: 'rejected', reason: new Error(`${item.id} refused`) } : { status: 'fulfilled', value: `done ${item.id}` }));
    },
    ...options,
  });
  /** Lets every open batch finish, and those they start, until none is left. */
  const finishAll = async () => {
    for (let round = 0; round < 20; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const release of open.splice(0)) release();
    }
  };
  return { committer, batches, finishAll };
}

describe('GroupCommit', () => {
  it('sends a lone item at once, and writes the items that arrive meanwhile together in the next batch', async () => {
    const { committer, batches, finishAll } = recordingCommitter();

    const first = committer.submit({ id: 'a' });
    const rest = ['b', 'c', 'd'].map((id) => committer.submit({ id }));
    await finishAll();

    await expect(first).resolves.toBe('done a');
    await expect(Promise.all(rest)).resolves.toEqual(['done b', 'done c', 'done d']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps batches within the size and the number in flight', async () => {
    const { committer, batches, finishAll } = recordingCommitter({ maxBatchSize: 2, maxConcurrentBatches: 2 });

    const results = Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => committer.submit({ id })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a'], ['b']]);
    await finishAll();

    await expect(results).resolves.toHaveLength(6);
    expect(batches.slice(2)).toEqual([
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('never puts two items with one key into one batch: the later one waits for the next', async () => {
    const { committer, batches, finishAll } = recordingCommitter();

    const results = Promise.all([
      committer.submit({ id: 'a' }),
      committer.submit({ id: 'b', key: 'order-1' }),
      committer.submit({ id: 'c', key: 'order-1' }),
      committer.submit({ id: 'd', key: 'order-2' }),
    ]);
    await finishAll();

    await expect(results).resolves.toEqual(['done a', 'done b', 'done c', 'done d']);
    expect(batches).toEqual([['a'], ['b', 'd'], ['c']]);
  });

  it('runs a failed batch again item by item, so only the bad item fails, with its own error', async () => {
    const { committer, batches, finishAll } = recordingCommitter();

    committer.submit({ id: 'a' }).catch(() => undefined);
    const results = Promise.allSettled([committer.submit({ id: 'b' }), committer.submit({ id: 'c', bad: true }), committer.submit({ id: 'd' })]);
    await finishAll();

    const [b, c, d] = await results;
    expect(b).toEqual({ status: 'fulfilled', value: 'done b' });
    expect(c).toMatchObject({ status: 'rejected', reason: new Error('c refused') });
    expect(d).toEqual({ status: 'fulfilled', value: 'done d' });
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['b'], ['c'], ['d']]);
  });

  it('fails a lone item with the error its batch threw', async () => {
    const committer = new GroupCommit<Item, string>({
      name: 'test',
      maxBatchSize: 10,
      maxConcurrentBatches: 1,
      run: () => Promise.reject(new Error('connection terminated')),
    });

    await expect(committer.submit({ id: 'a' })).rejects.toThrow('connection terminated');
  });
});
