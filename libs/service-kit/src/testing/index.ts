export { describeServiceBasics, type ServiceUnderTest } from './describe-service-basics';
export { stackEnv, TEST_WEBHOOK_SECRET } from './stack-env';
export { startServiceProcess, type RunningService } from './start-service-process';
