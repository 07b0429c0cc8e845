export { describeServiceBasics, type ServiceUnderTest } from './describe-service-basics';
export { stackEnv, TEST_WEBHOOK_SECRET } from './stack-env';
export { startServiceProcess, type RunningService } from './start-service-process';
/** Puts a caller on a hand-made request, for unit tests of code that reads `principalOf`. */
export { setPrincipal } from '../auth/principal';
