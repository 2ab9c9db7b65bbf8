/** A fake shop page with the widget, so a new user can play customer and agent side by side. */
export const DEMO_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>悦家生活旗舰店 · Kefu 演示</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f1f1f; background: #f6f7f9; }
  header { background: #fff; border-bottom: 1px solid #eee; padding: 16px 24px; display: flex; align-items: center; gap: 16px; }
  header h1 { font-size: 20px; margin: 0; color: #d4380d; }
  header nav a { margin-right: 16px; color: #555; text-decoration: none; }
  main { max-width: 1080px; margin: 24px auto; padding: 0 16px; }
  .hero { background: linear-gradient(120deg, #fff1e6, #fff); border-radius: 12px; padding: 32px; margin-bottom: 24px; }
  .hero h2 { margin: 0 0 8px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px; }
  .card { background: #fff; border-radius: 10px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
  .card .img { height: 120px; border-radius: 8px; background: #f0f0f0; display: flex; align-items: center; justify-content: center; font-size: 40px; }
  .price { color: #d4380d; font-weight: 600; }
  .notice { background: #fffbe6; border: 1px solid #ffe58f; padding: 12px; border-radius: 8px; }
  .tip { margin-top: 24px; color: #666; font-size: 14px; }
</style>
</head>
<body>
<header><h1>悦家生活旗舰店</h1><nav><a href="#">首页</a><a href="#">家居</a><a href="#">厨房</a><a href="#">售后服务</a></nav></header>
<main>
  <section class="hero"><h2>双十二预热 · 全场满 199 减 30</h2><p>七天无理由退货 · 顺丰包邮 · 正品保障</p></section>
  <section class="grid">
    <div class="card"><div class="img">🍳</div><h3>不粘炒锅 32cm</h3><p class="price">¥ 189</p></div>
    <div class="card"><div class="img">🛏️</div><h3>新疆长绒棉四件套</h3><p class="price">¥ 399</p></div>
    <div class="card"><div class="img">🧺</div><h3>可折叠收纳篮（3 只装）</h3><p class="price">¥ 59</p></div>
    <div class="card"><div class="img">☕</div><h3>全自动咖啡机</h3><p class="price">¥ 1299</p></div>
  </section>
  <p class="tip">这是 Kefu 的演示店铺页面：点右下角的客服按钮，以顾客身份发消息；在另一个窗口登录控制台，以客服身份回复。<br>
  This is Kefu's demo shop: open the chat bubble to write as a customer, and answer from the console in another window.</p>
</main>
<!--WIDGET_SNIPPET-->
</body>
</html>
`;
