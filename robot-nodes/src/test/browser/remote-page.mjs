// Drives the teleop page served over a robot on ROS 1 or MQTT (RemoteTeleopBackend) in headless Chromium.
// Usage: node remote-page.mjs <page url> <screenshot folder> [chromium path]
// Checks: the page loads without console errors, frames arrive, a held key moves the robot, the E-STOP latches
// (the robot does not move while a key stays held) until a confirmed reset. Output as in page-harness.mjs.
import { quietLatency, runPageChecks } from './page-harness.mjs';

const [url, shots, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);

await runPageChecks(shots, executablePath, async ({ page, state, until, shot, sleep, check }) => {
  await check('page loads, the robot is alive and frames arrive', async () => {
    await page.goto(url);
    await until('3 camera frames', () => window.vla4j.frames >= 3, undefined, 15000);
    await until('control of a live robot', () => window.vla4j.state && window.vla4j.state.connected
      && window.vla4j.state.operator === window.vla4j.client);
    await shot('remote-live');
  });

  await check('holding a teleop key moves the robot', async () => {
    await page.click('[data-mode=TELEOP]');
    await until('teleop mode', () => window.vla4j.state.mode === 'TELEOP');
    await page.keyboard.down('ArrowRight');
    await until('the effector moving right (vy > 0)', () => window.vla4j.state.q[3] > 0);
    await page.keyboard.up('ArrowRight');
    await shot('remote-teleop');
  });

  await check('E-STOP latches on the robot until a confirmed reset', async () => {
    await page.keyboard.down('ArrowLeft');
    await sleep(300);
    await page.click('#estop');
    await until('the latch', () => window.vla4j.state.estop && window.vla4j.state.mode === 'HOLD');
    await sleep(500); // the hold has overtaken the robot's last command
    // The effector's speed over ten frames with the key still held (a new episode would move it, not its speed).
    const fastest = await page.evaluate(async n => {
      const { vla4j } = window, end = vla4j.frames + n;
      let top = 0;
      while (vla4j.frames < end) {
        top = Math.max(top, Math.abs(vla4j.state.q[2]) + Math.abs(vla4j.state.q[3]));
        await new Promise(r => setTimeout(r, 20));
      }
      return top;
    }, 10);
    await page.keyboard.up('ArrowLeft');
    if (fastest !== 0) throw new Error(`the robot moved with the e-stop latched: |v| up to ${fastest}`);
    await page.click('[data-mode=TELEOP]');
    await sleep(300);
    const s = await state();
    if (!s.estop || s.mode !== 'HOLD') throw new Error(`a mode button cleared the latch: ${JSON.stringify(s)}`);
    if (!s.note.includes('E-STOP latched')) throw new Error(`the note does not say so: ${s.note}`);
    await shot('remote-estop-latched');
    page.once('dialog', d => d.accept());
    await page.click('#estop-reset');
    await until('the reset', () => !window.vla4j.state.estop && window.vla4j.state.mode === 'HOLD');
  });

  return quietLatency(page, sleep);
});
