// With the mock's error_rate (or stream_error_rate) at 1: every streamed call is a typed SDK
// error of the configured status (an APIError raised mid-stream for a cut stream: status 0).
import OpenAI from 'openai';
const [port, status, cls] = process.argv.slice(2);
const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 0 });
try {
  const s = await client.chat.completions.create({ model: 'x', max_tokens: 5, stream: true,
    messages: [{ role: 'user', content: 'hi' }] });
  for await (const chunk of s) void chunk;
  console.error('FAIL: no error'); process.exit(1);
} catch (e) {
  if ((e.status ?? 0) !== Number(status) || !cls.split('|').includes(e.constructor.name)) {
    console.error('FAIL', e.status, e.constructor.name, String(e)); process.exit(1);
  }
  console.log(`${status === '0' ? 'mid-stream error' : status}: ok, ${e.constructor.name} ${e.error?.type ?? ''} ${e.message}`);
}
