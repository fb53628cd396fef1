// The camera canvas: the latest frame, scaled up, with the predicted chunk's path drawn over it.

/** Draws `frame` (an ImageBitmap) and, when the chunk has pixel points, its path coloured by horizon. */
export function drawFrame(canvas, frame, chunk) {
  const g = canvas.getContext('2d');
  g.imageSmoothingEnabled = false;
  g.drawImage(frame, 0, 0, canvas.width, canvas.height);
  if (!chunk || !chunk.px) return;
  const sx = canvas.width / frame.width, sy = canvas.height / frame.height;
  const points = chunk.px.map(([x, y]) => [x * sx, y * sy]);
  g.lineWidth = 3;
  g.strokeStyle = 'rgba(255, 255, 255, 0.8)';
  g.beginPath();
  points.forEach(([x, y], k) => (k ? g.lineTo(x, y) : g.moveTo(x, y)));
  g.stroke();
  points.forEach(([x, y], k) => {
    g.fillStyle = `hsl(${300 - 240 * k / Math.max(1, points.length - 1)}, 100%, 50%)`; // magenta (now) → green (last)
    g.beginPath();
    g.arc(x, y, 6, 0, 2 * Math.PI);
    g.fill();
  });
}
