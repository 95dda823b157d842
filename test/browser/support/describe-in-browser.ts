import { chromiumAvailable } from './chromium.js';

/** `describe` where Chromium is installed, `describe.skip` where it is not (see chromiumAvailable). */
export const describeInBrowser = chromiumAvailable() ? describe : describe.skip;
