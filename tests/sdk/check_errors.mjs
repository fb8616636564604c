// With the mock's error_rate at 1: every call is a typed SDK error of the configured status.
import Anthropic from '@anthropic-ai/sdk';
const [port, status, cls] = process.argv.slice(2);
const client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'k', maxRetries: 0 });
try {
  const s = client.messages.stream({ model: 'x', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
  await s.finalMessage();
  console.error('FAIL: no error'); process.exit(1);
} catch (e) {
  // 529 is InternalServerError in older SDKs and OverloadedError in newer ones.
  if (e.status !== Number(status) || !cls.split("|").includes(e.constructor.name)) { console.error('FAIL', e.status, e.constructor.name); process.exit(1); }
  console.log(`${status}: ok, ${e.constructor.name} ${e.error?.error?.type}`);
}
