// Drives the teleop page in the system's headless Chromium (playwright-core, never a downloaded browser).
// Usage: node teleop-page.mjs <page url> <screenshot folder> [chromium path]
// Prints one JSON line per check and, last, {"ok":true,...} with the page's own latency numbers; exits 1 on the
// first failed check (after a screenshot of the moment).
import { quietLatency, runPageChecks } from './page-harness.mjs';

const [url, shots, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);

await runPageChecks(shots, executablePath, async ({ page, state, until, shot, sleep, check }) => {
  const eeY = async () => (await state()).q[1];
  await check('page loads and frames arrive', async () => {
    await page.goto(url);
    await until('3 camera frames', () => window.vla4j.frames >= 3);
    await until('control of the robot', () => window.vla4j.state && window.vla4j.state.operator === window.vla4j.client);
  });

  await check('typing an instruction changes the task', async () => {
    const text = 'push the blue moon to the right side';
    await page.fill('#instruction', text);
    await page.click('#instruction-form button');
    await until('the new task', t => window.vla4j.state.instruction === t, text);
    if (!(await page.textContent('#task')).includes(text)) throw new Error('the task line does not show it');
  });

  await check('the predicted chunk is drawn over the camera', async () => {
    await page.click('[data-mode=POLICY]');
    await until('a chunk with pixels', () => window.vla4j.state.chunk && window.vla4j.state.chunk.px);
    await sleep(300); // a frame drawn with the chunk
    const changed = await page.evaluate(() => {
      const { lastFrame, state } = window.vla4j;
      const canvas = document.getElementById('camera');
      const plain = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d');
      plain.imageSmoothingEnabled = false;
      plain.drawImage(lastFrame, 0, 0, canvas.width, canvas.height);
      const shown = canvas.getContext('2d');
      const sx = canvas.width / lastFrame.width, sy = canvas.height / lastFrame.height;
      return state.chunk.px.filter(([x, y]) => {
        const a = shown.getImageData(Math.round(x * sx), Math.round(y * sy), 1, 1).data;
        const b = plain.getImageData(Math.round(x * sx), Math.round(y * sy), 1, 1).data;
        return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) > 60;
      }).length / state.chunk.px.length;
    });
    await shot('policy-overlay');
    if (changed < 0.5) throw new Error(`only ${changed * 100}% of the chunk's points are drawn over the frame`);
  });

  await check('holding a teleop key moves the robot', async () => {
    await page.click('[data-mode=TELEOP]');
    await until('teleop mode', () => window.vla4j.state.mode === 'TELEOP');
    const y0 = await eeY();
    await page.keyboard.down('ArrowRight');
    await sleep(1000);
    await page.keyboard.up('ArrowRight');
    await shot('teleop');
    const y1 = await eeY();
    if (!(y1 > y0 + 0.02)) throw new Error(`ArrowRight held for 1 s moved ee_y ${y0} -> ${y1}`);
  });

  await check('E-STOP stops the robot and stays latched until a confirmed reset', async () => {
    await page.keyboard.down('ArrowLeft');
    await sleep(300);
    await page.click('#estop');
    await until('the latch', () => window.vla4j.state.estop, undefined, 500);
    await sleep(200);
    const y0 = await eeY();
    await sleep(700); // the key is still held
    await page.keyboard.up('ArrowLeft');
    if ((await eeY()) !== y0) throw new Error('the robot moved with the e-stop latched');
    await page.click('[data-mode=TELEOP]');
    await sleep(300);
    const s = await state();
    if (!s.estop || s.mode !== 'HOLD') throw new Error(`a mode button cleared the latch: ${JSON.stringify(s)}`);
    await shot('estop-latched');
    page.once('dialog', d => d.dismiss());
    await page.click('#estop-reset');
    await sleep(300);
    if (!(await state()).estop) throw new Error('a dismissed confirmation reset the e-stop');
    page.once('dialog', d => d.accept());
    await page.click('#estop-reset');
    await until('the reset', () => !window.vla4j.state.estop && window.vla4j.state.mode === 'HOLD');
    await page.keyboard.press('Space');
    await until('Space latches it too', () => window.vla4j.state.estop, undefined, 500);
    page.once('dialog', d => d.accept());
    await page.click('#estop-reset');
    await until('the second reset', () => !window.vla4j.state.estop);
  });

  await check('recording leaves an episode', async () => {
    await page.click('[data-episode=start]');
    await page.click('[data-mode=POLICY]');
    await until('5 recorded frames', () => window.vla4j.state.recording.frames >= 5);
    await page.click('[data-episode=stop]');
    await until('a saved episode', () => window.vla4j.state.recording.episodes === 1);
    await page.click('[data-mode=HOLD]');
    await shot('recorded');
  });

  return quietLatency(page, sleep);
});
