// Baseline performance test for the chat API's streaming endpoint (Anthropic Messages API).
//
//   k6 run tests/performance/baseline.k6.js
//   k6 run -e BASE_URL=http://staging:3456 tests/performance/baseline.k6.js
//
// Three phases, one after the other: plain queries, then tool calls, then a burst of
// invalid requests that the API must turn away with a 400 (never a 5xx).
// SLOs (see docs/slo.md): time to first token p95 < 500 ms, tool call p95 < 2 s, < 1 % errors.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Rate, Trend } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:3456';
const MODEL = 'claude-sonnet-4-5';

/* Custom metrics. k6 cannot read a response while it streams, so the first token is taken
   as the time to the first byte of the body (res.timings.waiting): the mock sends the
   first text delta before anything else that takes time. */
const firstTokenLatency = new Trend('first_token_latency', true);
const toolInvocation = new Trend('tool_invocation', true);
const errorRate = new Rate('errors');

export const options = {
  thresholds: {
    // p95 time to first token, overall and for plain queries alone
    first_token_latency: ['p(95)<500'],
    'first_token_latency{scenario:simple_query}': ['p(95)<500'],
    tool_invocation: ['p(95)<2000'],
    'tool_invocation{scenario:tool_call}': ['p(95)<2000'],
    errors: ['rate<0.01'], // fewer than 1% unexpected answers
  },
  scenarios: {
    simple_query: {
      executor: 'constant-vus',
      vus: 10,
      duration: '30s',
      exec: 'simpleQuery',
    },
    tool_call: {
      executor: 'constant-vus',
      vus: 5,
      duration: '30s',
      startTime: '30s', // after simple_query
      exec: 'toolCall',
    },
    error_injection: {
      executor: 'constant-vus',
      vus: 5,
      duration: '30s',
      startTime: '60s',
      exec: 'errorInjection',
    },
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
};

const HEADERS = {
  'content-type': 'application/json',
  'anthropic-version': '2023-06-01',
  'x-api-key': __ENV.ANTHROPIC_API_KEY || 'test-key',
};

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

function post(body) {
  return http.post(`${BASE_URL}/v1/messages`, JSON.stringify(body), {
    headers: HEADERS,
    timeout: '60s',
  });
}

// The SSE events of a whole streamed response: one object per `data:` line.
function events(res) {
  return res.body
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)));
}

export function simpleQuery() {
  const res = post({
    model: MODEL,
    max_tokens: 256,
    stream: true,
    messages: [{ role: 'user', content: 'Say hello in three words.' }],
  });
  const ok = check(res, {
    'status is 200': (r) => r.status === 200,
    'has a text delta': (r) => events(r).some((e) => e.type === 'content_block_delta'),
  });
  if (res.status === 200) firstTokenLatency.add(res.timings.waiting);
  errorRate.add(!ok);
}

export function toolCall() {
  const started = Date.now();
  const res = post({
    model: MODEL,
    max_tokens: 512,
    stream: true,
    tools: [WEATHER_TOOL],
    messages: [{ role: 'user', content: "What's the weather in Paris?" }],
  });
  const toolUse = res.status === 200 &&
    events(res).some((e) => e.type === 'content_block_start' &&
                            e.content_block.type === 'tool_use');
  const ok = check(res, {
    'status is 200': (r) => r.status === 200,
    'calls the tool': () => toolUse,
  });
  if (toolUse) toolInvocation.add(Date.now() - started);
  errorRate.add(!ok);
}

export function errorInjection() {
  // No max_tokens: the API must answer 400 invalid_request_error, never a 5xx.
  const res = post({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
  const ok = check(res, { 'not a 5xx': (r) => r.status < 500 });
  errorRate.add(!ok);
  sleep(0.1);
}
