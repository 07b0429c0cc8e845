export { describeServiceBasics, type ServiceUnderTest } from './describe-service-basics';
export { stackEnv } from './stack-env';
