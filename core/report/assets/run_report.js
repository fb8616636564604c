// Draws a loadtwin run report's charts from its JSON data block (id "loadtwin-data") with
// the Chart.js embedded above. Plain ES2017, no modules, no network.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('loadtwin-data').textContent);
  const colours = ['#d62728', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
                   '#bcbd22', '#17becf', '#1f77b4', '#2ca02c', '#aec7e8', '#ffbb78', '#98df8a'];
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, "DejaVu Sans", sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  const seconds = Array.from({length: data.windows}, (_, i) => String(i));

  function timeScale() {
    return {title: {display: true, text: 'test time (s, window start)'},
            ticks: {maxRotation: 0, autoSkip: true, autoSkipPadding: 12}};
  }
  function countScale(text) {
    return {beginAtZero: true, grace: '5%', title: {display: true, text: text},
            ticks: {precision: 0}};
  }
  function replaceWithNote(id, text) {
    const box = document.getElementById(id).parentElement;
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = text;
    box.replaceWith(note);
  }
  function draw(id, config) {
    return new Chart(document.getElementById(id), config);
  }
  function line(label, values, colour, extra) {
    return Object.assign({label: label, data: values, borderColor: colour,
                          backgroundColor: colour, pointRadius: 0, borderWidth: 2,
                          spanGaps: false}, extra || {});
  }

  if (data.has_vus) {
    draw('chart-vus', {type: 'line', data: {labels: seconds, datasets: [
      line('VUs', data.vus, '#1f77b4', {stepped: true, fill: true,
                                         backgroundColor: 'rgba(31,119,180,0.15)'})]},
      options: {scales: {x: timeScale(), y: countScale('VUs')},
                plugins: {legend: {display: false}}}});
  } else {
    replaceWithNote('chart-vus', 'No VU counts: per-request records do not carry them ' +
                    '(give --samples, the run\'s NDJSON, to see VUs).');
  }

  draw('chart-requests', {type: 'line', data: {labels: seconds, datasets: [
    line('requests/s', data.requests, '#2ca02c')]},
    options: {scales: {x: timeScale(), y: countScale('requests per second')},
              plugins: {legend: {display: false}}}});

  const reasons = Object.keys(data.errors);
  if (reasons.length > 0) {
    draw('chart-errors', {type: 'bar', data: {labels: seconds, datasets: reasons.map(
      (reason, i) => ({label: reason, data: data.errors[reason],
                       backgroundColor: colours[i % colours.length]}))},
      options: {scales: {x: Object.assign(timeScale(), {stacked: true}),
                         y: Object.assign(countScale('errors per second'), {stacked: true})}}});
  } else {
    replaceWithNote('chart-errors', 'No errors in this run.');
  }

  if (data.totals.ttft_samples > 0) {
    draw('chart-ttft', {type: 'line', data: {labels: seconds, datasets: [
      line('p50', data.ttft_ms.p50, '#1f77b4'),
      line('p95', data.ttft_ms.p95, '#ff7f0e'),
      line('p99', data.ttft_ms.p99, '#d62728')]},
      options: {scales: {x: timeScale(),
                         y: {beginAtZero: true, grace: '8%', title: {display: true, text: 'ms'}}}}});
    draw('chart-ttft-histogram', {type: 'bar', data: {labels: data.histogram.labels,
      datasets: [{label: 'requests', data: data.histogram.counts, backgroundColor: '#1f77b4',
                  barPercentage: 1.0, categoryPercentage: 1.0}]},
      options: {scales: {x: {title: {display: true, text: 'time to first token'},
                             ticks: {maxRotation: 50, autoSkip: true}},
                         y: countScale('requests')},
                plugins: {legend: {display: false}}}});
  } else {
    replaceWithNote('chart-ttft', 'No first-token samples in this run.');
    replaceWithNote('chart-ttft-histogram', 'No first-token samples in this run.');
  }
})();
