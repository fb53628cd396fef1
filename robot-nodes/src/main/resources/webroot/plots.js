// Live plots (vendored uPlot): command round trip and frame age over time; the predicted chunk's actions.

const WINDOW = 300;

function chart(el, title, xLabel, series, xTime) {
  return new uPlot({
    title, width: 380, height: 170, legend: { live: false },
    scales: { x: { time: false } },
    axes: [{ label: xLabel }, {}],
    series: [{ label: xTime }, ...series.map(([label, stroke]) => ({ label, stroke, width: 1.5, spanGaps: true }))],
  }, [[], ...series.map(() => [])], el);
}

export function plots(latencyEl, actionEl) {
  const latency = chart(latencyEl, 'latency (ms)', 's', [['round trip', '#d60'], ['frame age', '#06c']], 't');
  const latencyData = [[], [], []];
  const t0 = performance.now();
  let actions = null;
  return {
    /** Adds a point: `which` 1 = round trip, 2 = frame age. */
    latency(which, ms) {
      latencyData[0].push((performance.now() - t0) / 1000);
      latencyData.forEach((column, i) => i && column.push(i === which ? ms : null));
      if (latencyData[0].length > WINDOW) latencyData.forEach(column => column.shift());
      latency.setData(latencyData);
    },
    /** Shows the chunk's actions (one series per action dimension) against their step in the chunk. */
    chunk(chunk) {
      if (!chunk) return;
      const dims = chunk.actions[0].length;
      if (!actions) {
        const colours = ['#c33', '#3a3', '#33c', '#a3a', '#3aa', '#aa3', '#555'];
        actions = chart(actionEl, 'predicted chunk', 'step', [...Array(dims).keys()]
          .map(d => [`a${d}`, colours[d % colours.length]]), 'k');
      }
      actions.setData([chunk.actions.map((_, k) => k), ...[...Array(dims).keys()]
        .map(d => chunk.actions.map(a => a[d]))]);
    },
  };
}
