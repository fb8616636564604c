// Drives loadtwin's mock with the official Anthropic TypeScript SDK: text stream, tool-use
// stream, non-streaming message, typed errors. Exits non-zero on anything unusual.
import Anthropic from '@anthropic-ai/sdk';
const port = process.argv[2];
const client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'k', maxRetries: 0 });
const fail = (m) => { console.error('FAIL', m); process.exit(1); };

const text = client.messages.stream({ model: 'claude-x', max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }] });
let deltas = 0;
text.on('text', () => deltas++);
const msg = await text.finalMessage();
if (deltas !== 50 || msg.stop_reason !== 'end_turn' || msg.usage.output_tokens !== 50) fail(['text', deltas, msg]);
console.log('text stream: ok,', deltas, 'text events, stop_reason', msg.stop_reason);

const tool = client.messages.stream({ model: 'claude-x', max_tokens: 64,
  messages: [{ role: 'user', content: 'weather?' }],
  tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }] });
const tmsg = await tool.finalMessage();
const block = tmsg.content[0];
if (tmsg.stop_reason !== 'tool_use' || block.type !== 'tool_use' || block.name !== 'get_weather' || block.input.location !== 'Paris') fail(['tool', tmsg]);
console.log('tool stream: ok,', block.name, JSON.stringify(block.input));

const whole = await client.messages.create({ model: 'claude-x', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
if (whole.content[0].type !== 'text' || whole.stop_reason !== 'end_turn') fail(['non-streaming', whole]);
console.log('non-streaming: ok');

try {
  await client.messages.create({ model: 'claude-x', messages: [{ role: 'user', content: 'hi' }] });
  fail('no error for a missing max_tokens');
} catch (e) {
  if (!(e instanceof Anthropic.BadRequestError) || e.error?.error?.type !== 'invalid_request_error') fail(['400', e]);
  console.log('400: ok,', e.constructor.name, e.error.error.type);
}
