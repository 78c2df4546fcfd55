// Whether the browser tests can run here. Outside CI they skip, saying why, when no browser is found; in CI
// (CI=true) they run and fail instead, since CI installs Debian's chromium.
import { findBrowser } from '../../src/figures/export-static.js';

/** Why no browser was found ('' when one was). */
export let noBrowser = '';
try {
  await findBrowser();
} catch (e) {
  noBrowser = (e as Error).message;
}

/** True under CI (CI=true or CI=1). */
export const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** The `skip` option of a browser test: a reason outside CI without a browser, else false. */
export const skipWithoutBrowser: string | false =
  noBrowser !== '' && !inCi ? `browser test skipped: ${noBrowser}` : false;
