// The teleop page: one WebSocket (/ws/teleop) for commands, state and camera frames (protocol: TeleopServer.java).
import { drawFrame } from './view.js';
import { keyboard } from './keys.js';
import { plots } from './plots.js';

const $ = id => document.getElementById(id);
const HEARTBEAT_MS = 50; // 20 Hz: the server holds the robot after its deadman time without one
const token = new URLSearchParams(location.search).get('token');
// What the page has seen, also read by the browser tests and handy in the console.
const live = window.vla4j = { client: null, state: null, frames: 0, frameAges: [], rtts: [], lastFrame: null };
const charts = plots($('latency-plot'), $('action-plot'));
const keys = keyboard(window, () => send({ type: 'estop' }));
let ws = null, seq = 0, lastRtt = null, drawnSeq = -1;

function connect() {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/teleop${query}`);
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => link(true);
  ws.onclose = () => { link(false); setTimeout(connect, 1000); };
  ws.onmessage = e => (typeof e.data === 'string' ? onMessage(JSON.parse(e.data)) : onFrame(e.data));
}

function send(message) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

function link(up) {
  $('link').textContent = up ? 'connected' : 'disconnected';
  $('link').className = `badge ${up ? 'good' : 'bad'}`;
}

const isOperator = () => live.state && live.client !== null && live.state.operator === live.client;

function onMessage(m) {
  if (m.type === 'hello') live.client = m.client;
  else if (m.type === 'ack') {
    lastRtt = performance.now() - m.t;
    keep(live.rtts, lastRtt);
    charts.latency(1, lastRtt);
  } else if (m.type === 'state') showState(m);
  else if (m.type === 'error') $('note').textContent = m.message;
}

async function onFrame(buffer) {
  const header = new DataView(buffer);
  const captured = header.getFloat64(0), frameSeq = header.getUint32(8);
  const bitmap = await createImageBitmap(new Blob([buffer.slice(12)], { type: 'image/jpeg' }));
  if (frameSeq <= drawnSeq) return bitmap.close(); // decoded out of order: a newer frame is already shown
  drawnSeq = frameSeq;
  if (live.lastFrame) live.lastFrame.close();
  live.lastFrame = bitmap;
  drawFrame($('camera'), bitmap, live.state && live.state.chunk);
  const age = Date.now() - captured;
  live.frames++;
  keep(live.frameAges, age);
  charts.latency(2, age);
}

function keep(list, value) {
  list.push(value);
  if (list.length > 1000) list.shift();
}

function showState(s) {
  live.state = s;
  if (!s.connected) { // the page reaches the server, the server no longer hears the robot
    $('link').textContent = 'robot offline';
    $('link').className = 'badge bad';
  } else if ($('link').textContent === 'robot offline') link(true);
  const operator = isOperator();
  $('role').textContent = operator ? 'operator' : s.operator === null ? 'viewer (control is free)' : 'viewer';
  $('take').hidden = operator || s.operator !== null;
  $('mode').textContent = s.estop ? 'E-STOP' : s.mode;
  $('mode').className = `badge ${s.estop ? 'bad' : s.mode === 'HOLD' ? '' : 'good'}`;
  $('estop').classList.toggle('latched', s.estop);
  document.querySelectorAll('[data-mode]').forEach(b => b.classList.toggle('active', b.dataset.mode === s.mode));
  $('task').textContent = `task: ${s.instruction}`;
  const r = s.recording;
  $('recording').textContent = r.dataset === null ? 'no dataset folder given'
    : `${r.active ? `recording: ${r.frames} frames` : 'idle'} · ${r.episodes} saved · ${r.dataset}`;
  $('robot').textContent = `step ${s.step} · ` + s.q_names.map((n, i) => `${n} ${s.q[i].toFixed(3)}`).join(' · ');
  $('note').textContent = s.note;
  const p95 = list => (list.length ? [...list].sort((a, b) => a - b)[Math.floor(0.95 * (list.length - 1))] : NaN);
  $('numbers').textContent = `rtt p95 ${p95(live.rtts).toFixed(1)} ms · frame age p95 ${p95(live.frameAges)
    .toFixed(0)} ms · ${s.clients} page(s)` + (s.chunk ? ` · infer ${s.chunk.infer_ms.toFixed(1)} ms` : '');
  charts.chunk(s.chunk);
}

setInterval(() => {
  if (!isOperator()) return;
  const watching = document.visibilityState === 'visible';
  if (!watching) keys.release();
  send({ type: 'cmd', seq: ++seq, t: performance.now(), deadman: watching, move: keys.move(),
    ...(lastRtt === null ? {} : { rtt_ms: lastRtt }) });
}, HEARTBEAT_MS);

$('estop').onclick = () => send({ type: 'estop' });
$('estop-reset').onclick = () => {
  if (confirm('Reset the E-STOP? Check that the robot and its surroundings are safe. The robot stays in HOLD.')) {
    send({ type: 'estop_reset', confirm: true });
  }
};
$('take').onclick = () => send({ type: 'control', op: 'take' });
document.querySelectorAll('[data-mode]').forEach(b => (b.onclick = () => send({ type: 'mode', mode: b.dataset.mode })));
document.querySelectorAll('[data-episode]').forEach(b =>
  (b.onclick = () => send({ type: 'episode', op: b.dataset.episode })));
$('instruction-form').onsubmit = e => {
  e.preventDefault();
  send({ type: 'instruction', text: $('instruction').value });
};
connect();
