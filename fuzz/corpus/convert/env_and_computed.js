/* options from the environment */
export let options = {
  vus: __ENV.VUS || 10, duration: `${__ENV.D}`, iterations: parseInt('5'),
  stages: [{duration: 1500, target: 0x10,}, {duration: '1m', target: 1_0}],
  thresholds: {'http_req_duration{status:200}': [{threshold: 'p(99)<1e3', abortOnFail: true}]},
  scenarios: {a: {executor: 'ramping-arrival-rate', preAllocatedVUs: 2, stages: [], exec: 'default'}},
  tags: {url: __ENV['URL'] ?? 'none'}, ...extra,
};
export default function () { sleep(.5); }
