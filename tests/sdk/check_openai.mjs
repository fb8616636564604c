// Drives loadtwin's mock with the official OpenAI Node SDK on /v1/chat/completions: a text
// stream, a tool-call stream, a non-streaming completion, a 400. Exits non-zero on anything
// unusual.
import OpenAI from 'openai';
const port = process.argv[2];
const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 0 });
const fail = (m) => { console.error('FAIL', JSON.stringify(m)); process.exit(1); };
const messages = [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }];

// Text: iterate the raw chunks, as most callers do.
const stream = await client.chat.completions.create({ model: 'gpt-x', max_tokens: 64, messages,
  stream: true, stream_options: { include_usage: true } });
let deltas = 0, text = '', finish = null, usage = null, role = null;
for await (const chunk of stream) {
  if (chunk.object !== 'chat.completion.chunk' || !chunk.id.startsWith('chatcmpl-')) fail(['chunk', chunk]);
  for (const c of chunk.choices) {
    if (c.delta.role) role = c.delta.role;
    if (c.delta.content) { deltas++; text += c.delta.content; }
    if (c.finish_reason) finish = c.finish_reason;
  }
  if (chunk.usage) usage = chunk.usage;
}
const words = text.trim().split(/\s+/).length;
if (role !== 'assistant' || deltas === 0 || finish !== 'stop' || !usage || usage.completion_tokens !== words) {
  fail(['text', { role, deltas, finish, usage, words }]);
}
console.log(`text stream: ok, ${deltas} content deltas, ${words} tokens, finish_reason ${finish}, usage ${JSON.stringify(usage)}`);

// Tool call: the SDK's stream helper joins the argument fragments.
const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Current weather',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }];
const helper = client.chat.completions.stream ?? client.beta.chat.completions.stream;
const tool = helper.call(client.chat.completions.stream ? client.chat.completions : client.beta.chat.completions,
  { model: 'gpt-x', max_tokens: 64, messages, tools, stream_options: { include_usage: true } });
const final = await tool.finalChatCompletion();
const choice = final.choices[0];
const call = choice.message.tool_calls?.[0];
const args = call ? JSON.parse(call.function.arguments) : null;
if (choice.finish_reason !== 'tool_calls' || call?.function.name !== 'get_weather' || args?.location !== 'Paris') {
  fail(['tool', final]);
}
console.log(`tool stream: ok, ${call.function.name} ${call.function.arguments} (id ${call.id})`);

// Not streamed: one chat.completion document.
const whole = await client.chat.completions.create({ model: 'gpt-x', max_completion_tokens: 5, messages });
const wchoice = whole.choices[0];
if (whole.object !== 'chat.completion' || typeof wchoice.message.content !== 'string' ||
    !['stop', 'length'].includes(wchoice.finish_reason) || !whole.usage?.total_tokens) fail(['non-streaming', whole]);
console.log(`non-streaming: ok, finish_reason ${wchoice.finish_reason}, usage ${JSON.stringify(whole.usage)}`);

try {
  await client.chat.completions.create({ model: 'gpt-x', messages: [] });
  fail('no error for empty messages');
} catch (e) {
  if (!(e instanceof OpenAI.BadRequestError) || e.error?.type !== 'invalid_request_error') fail(['400', String(e)]);
  console.log(`400: ok, ${e.constructor.name} ${e.error.type}: ${e.error.message}`);
}
