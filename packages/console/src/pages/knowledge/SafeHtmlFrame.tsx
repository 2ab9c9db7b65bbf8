import { theme } from 'antd';

const FRAME_STYLE =
  'body{margin:0;padding:8px 12px;font:14px/1.7 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329}' +
  'img{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #e5e6eb;padding:4px 8px}' +
  'blockquote{margin:0;padding-left:12px;border-left:3px solid #e5e6eb;color:#646a73}p{margin:0 0 8px}';

/**
 * Shows an answer's HTML as customers will see it. The HTML comes from the server already sanitised (on save
 * and on the way out); it is shown in a sandboxed frame without scripts or same-origin rights all the same,
 * so even a sanitiser bug could not reach the console.
 */
export function SafeHtmlFrame({ html, title, height = 220 }: { html: string; title: string; height?: number }) {
  const { token } = theme.useToken();
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={`<!doctype html><html><head><meta charset="utf-8"><style>${FRAME_STYLE}</style></head><body>${html}</body></html>`}
      style={{
        width: '100%',
        height,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        background: token.colorBgContainer,
      }}
    />
  );
}
