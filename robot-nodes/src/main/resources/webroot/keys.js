// Keyboard teleop: hold WASD or the arrows to move (image frame); Space or Esc latches the E-STOP.

const MOVES = {
  KeyW: [0, 1], ArrowUp: [0, 1], KeyS: [0, -1], ArrowDown: [0, -1],
  KeyA: [-1, 0], ArrowLeft: [-1, 0], KeyD: [1, 0], ArrowRight: [1, 0],
};

/** Listens on `target` (the window); calls `onEstop` for Space/Esc. `move()` is the velocity held right now. */
export function keyboard(target, onEstop) {
  const held = new Set();
  const typing = e => e.target instanceof HTMLInputElement;
  target.addEventListener('keydown', e => {
    if (e.code === 'Escape' || (e.code === 'Space' && !typing(e))) {
      e.preventDefault();
      onEstop();
    } else if (MOVES[e.code] && !typing(e)) {
      e.preventDefault();
      held.add(e.code);
    }
  });
  target.addEventListener('keyup', e => held.delete(e.code));
  target.addEventListener('blur', () => held.clear()); // a key released elsewhere must not keep the robot going
  return {
    move() {
      let right = 0, up = 0;
      held.forEach(code => { right += MOVES[code][0]; up += MOVES[code][1]; });
      return { right: Math.max(-1, Math.min(1, right)), up: Math.max(-1, Math.min(1, up)) };
    },
    release: () => held.clear(),
  };
}
