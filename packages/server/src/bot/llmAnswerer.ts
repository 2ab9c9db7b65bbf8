import type { LlmConfig } from '../config.js';

/**
 * Optional model answers through any OpenAI-compatible chat-completions endpoint (KEFU_LLM_URL). The model sees
 * only the knowledge entries the search found, numbered, and must cite the numbers it used ([1], [2]); an answer
 * citing none of them is not trusted. Whatever goes wrong (an error status, a timeout, a body that is not the
 * protocol's JSON, an empty or uncited answer) the caller answers from the FAQ instead.
 */

export interface LlmSource {
  entryId: string;
  title: string;
  answer: string;
}

export type LlmResult =
  | { kind: 'answer'; text: string; citations: LlmSource[] }
  /** The model found nothing in the entries that answers the question. */
  | { kind: 'declined' }
  | { kind: 'failed'; reason: string };

const DECLINE = 'NO_ANSWER';
const MAX_ANSWER_CHARS = 2000;
/** Answers are short; more than this per source is cut before it reaches the model. */
const MAX_SOURCE_CHARS = 1500;

function systemPrompt(): string {
  return [
    '你是网店的在线客服助手。只能根据用户消息中编号的知识条目回答客户的问题，不得使用条目以外的信息，不得编造政策、价格、时间或链接。',
    '回答要简短、礼貌，用客户使用的语言（简体、繁体或英文）。',
    '在用到的条目内容后标注条目编号，例如 [1]；至少标注一个编号。',
    `如果这些条目都不能回答客户的问题，只回复 ${DECLINE}。`,
  ].join('\n');
}

function userPrompt(question: string, sources: LlmSource[]): string {
  const entries = sources
    .map((s, i) => `[${i + 1}] 问题：${s.title}\n答案：${s.answer.slice(0, MAX_SOURCE_CHARS)}`)
    .join('\n\n');
  return `知识条目：\n${entries}\n\n客户的问题：${question}`;
}

export async function llmAnswer(config: LlmConfig, question: string, sources: LlmSource[]): Promise<LlmResult> {
  if (sources.length === 0) return { kind: 'declined' };
  let response: Response;
  try {
    response = await fetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        temperature: 0.2,
        max_tokens: 600,
        messages: [
          { role: 'system', content: systemPrompt() },
          { role: 'user', content: userPrompt(question, sources) },
        ],
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { kind: 'failed', reason: timedOut ? 'timeout' : 'unreachable' };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'failed', reason: response.ok ? 'not JSON' : `status ${response.status}` };
  }
  if (!response.ok) return { kind: 'failed', reason: `status ${response.status}` };
  const content = contentOf(body);
  if (content === null) return { kind: 'failed', reason: 'no message content' };
  return readAnswer(content, sources);
}

function contentOf(body: unknown): string | null {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) return null;
  const content = (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content;
  return typeof content === 'string' ? content : null;
}

/** The answer with its citation marks taken out; the entries they name become the citations. */
export function readAnswer(content: string, sources: LlmSource[]): LlmResult {
  const trimmed = content.trim();
  if (trimmed.includes(DECLINE)) return { kind: 'declined' };
  const cited = new Set<number>();
  for (const match of trimmed.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(match[1]);
    if (n >= 1 && n <= sources.length) cited.add(n - 1);
  }
  const text = trimmed
    .replace(/\s*\[\d{1,2}\]/g, '')
    .trim()
    .slice(0, MAX_ANSWER_CHARS);
  if (cited.size === 0 || text.length === 0) return { kind: 'failed', reason: 'uncited answer' };
  return { kind: 'answer', text, citations: [...cited].sort((a, b) => a - b).map((i) => sources[i]!) };
}
