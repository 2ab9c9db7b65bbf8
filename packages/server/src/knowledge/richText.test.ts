import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { htmlToText, renderKnowledgeBody, sanitizeKnowledgeHtml } from './richText.js';

/** Payloads from the usual XSS cheat sheets; none may leave anything that runs. */
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">点我</a>',
  '<a href="JaVaScRiPt:alert(1)">点我</a>',
  '<a href="&#106;avascript:alert(1)">点我</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example/"></iframe>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p onclick="alert(1)">点</p>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form action="https://evil.example"><input name=a></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<style>@import "https://evil.example/x.css";</style>',
  '<a href="//evil.example/">protocol-relative</a>',
  '[点我](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '"><img src=x onerror=alert(1)>',
  '<IMG SRC=`javascript:alert(1)`>',
  '<a href=" javascript:alert(1)">空格</a>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<base href="https://evil.example/">',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'target', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};
const ALLOWED_TAGS = new Set([
  ...'p br strong b em i u s del a ul ol li h2 h3 h4 blockquote code pre hr img table thead tbody tr th td'.split(' '),
]);
const SAFE_URL = /^(https?:\/\/[^/]|mailto:|tel:|\/[^/])/i;

/** Every tag and attribute of the output is on the allow-list, and every address is of a safe kind. */
function expectHarmless(html: string) {
  const problems: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (!ALLOWED_TAGS.has(name)) problems.push(`tag ${name}`);
      for (const [attribute, value] of Object.entries(attribs)) {
        if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(attribute)) problems.push(`${name}[${attribute}]`);
        if ((attribute === 'href' || attribute === 'src') && !SAFE_URL.test(value))
          problems.push(`${attribute}=${value}`);
      }
    },
  });
  parser.write(html);
  parser.end();
  expect(problems).toEqual([]);
}

describe('knowledge rich text', () => {
  it('renders Markdown: paragraphs, line breaks, bold, lists and links', () => {
    const { html, text } = renderKnowledgeBody(
      '退款到账时间：\n**支付宝** 1–3 天\n\n- 银行卡 3–7 天\n- [查看进度](https://shop.example/refund)',
    );
    expect(html).toContain('<strong>支付宝</strong>');
    expect(html).toContain('<br />');
    expect(html).toContain('<li>银行卡 3–7 天</li>');
    expect(html).toContain(
      '<a href="https://shop.example/refund" target="_blank" rel="noopener noreferrer nofollow">查看进度</a>',
    );
    expect(text).toBe('退款到账时间：\n支付宝 1–3 天\n\n• 银行卡 3–7 天\n• 查看进度（https://shop.example/refund）');
  });

  it('keeps pictures from the knowledge base and from https, and drops any other source', () => {
    const own = '/api/knowledge/pictures/0190c3a2-7d4e-7000-8000-000000000001';
    const { html, text } = renderKnowledgeBody(
      `![退货流程](${own})\n![外链](https://cdn.example/a.png)\n![明文](http://cdn.example/a.png)\n![相对](a.png)`,
    );
    expect(html).toContain(`<img src="${own}" alt="退货流程" />`);
    expect(html).toContain('<img src="https://cdn.example/a.png" alt="外链" />');
    expect(html).not.toContain('http://cdn.example');
    expect(html).not.toContain('a.png" alt="相对"');
    expect(text).toContain('[图片]');
  });

  it.each(XSS_PAYLOADS)('leaves nothing that runs of %s', (payload) => {
    const rendered = renderKnowledgeBody(`说明 ${payload} 结束`).html;
    const sanitized = sanitizeKnowledgeHtml(payload);
    expectHarmless(rendered);
    expectHarmless(sanitized);
  });

  it('is idempotent: sanitising what was saved changes nothing', () => {
    const { html } = renderKnowledgeBody(
      '## 标题\n\n| 地区 | 运费 |\n| --- | --- |\n| 新疆 | 15 元 |\n\n> 注意 <u>事项</u>',
    );
    expect(sanitizeKnowledgeHtml(html)).toBe(html);
    expect(html).toContain('<table>');
    expect(html).toContain('<u>事项</u>');
  });

  it('turns HTML into readable text with entities decoded', () => {
    expect(htmlToText('<p>满 99 元 &amp; 包邮</p><p>联系 <a href="tel:400-000">客服电话</a></p>')).toBe(
      '满 99 元 & 包邮\n\n联系 客服电话',
    );
  });
});
