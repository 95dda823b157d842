import { describeWithDocker } from '../../support/describe-with-docker.js';
import { chromiumAvailable } from './chromium.js';

/** `describe` where Chromium is installed and a Docker engine answers, `describe.skip` elsewhere. */
export const describeInBrowserWithDocker = chromiumAvailable() ? describeWithDocker : describe.skip;
