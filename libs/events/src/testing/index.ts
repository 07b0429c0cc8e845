export * from './test-stack';
export * from './watch-topics';
