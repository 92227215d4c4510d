// Runs before `npm test`: the browser tests drive Debian's Chromium. On a Debian machine where we are root,
// a missing Chromium (and a CJK font for readable screenshots) is installed with apt-get; elsewhere this
// stops with the command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`The browser tests need ${CHROMIUM}: apt-get install -y chromium fonts-wqy-microhei`);
    process.exit(1);
  }
  console.log('Installing Chromium for the browser tests (apt-get install chromium fonts-wqy-microhei) …');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei', {
    stdio: 'inherit',
  });
}
