import type { Locale } from '@kefu/shared';

/** The help center's own words in each language it speaks. */
export interface HelpCenterStrings {
  htmlLang: string;
  title: (workspace: string) => string;
  searchPlaceholder: string;
  searchButton: string;
  categories: string;
  recent: string;
  uncategorized: string;
  home: string;
  resultsFor: (query: string) => string;
  noResults: string;
  emptyCategory: string;
  emptyHelpCenter: string;
  related: string;
  notFound: string;
  notFoundHint: string;
  faq: string;
  article: string;
  updated: (date: string) => string;
  languages: string;
}

export const HELP_CENTER_STRINGS: Record<Locale, HelpCenterStrings> = {
  'zh-CN': {
    htmlLang: 'zh-CN',
    title: (workspace) => `${workspace} 帮助中心`,
    searchPlaceholder: '请输入您的问题，例如：退款多久到账',
    searchButton: '搜索',
    categories: '问题分类',
    recent: '常见问题',
    uncategorized: '其他问题',
    home: '帮助中心首页',
    resultsFor: (query) => `“${query}”的搜索结果`,
    noResults: '没有找到相关内容，换个说法试试，或联系在线客服。',
    emptyCategory: '这个分类下暂时没有内容。',
    emptyHelpCenter: '帮助中心暂时没有内容。',
    related: '相关问题',
    notFound: '页面不存在',
    notFoundHint: '您访问的内容不存在或已下线。',
    faq: '常见问题',
    article: '文章',
    updated: (date) => `更新于 ${date}`,
    languages: '语言',
  },
  'zh-TW': {
    htmlLang: 'zh-TW',
    title: (workspace) => `${workspace} 幫助中心`,
    searchPlaceholder: '請輸入您的問題，例如：退款多久到帳',
    searchButton: '搜尋',
    categories: '問題分類',
    recent: '常見問題',
    uncategorized: '其他問題',
    home: '幫助中心首頁',
    resultsFor: (query) => `「${query}」的搜尋結果`,
    noResults: '沒有找到相關內容，換個說法試試，或聯絡線上客服。',
    emptyCategory: '這個分類下暫時沒有內容。',
    emptyHelpCenter: '幫助中心暫時沒有內容。',
    related: '相關問題',
    notFound: '頁面不存在',
    notFoundHint: '您造訪的內容不存在或已下線。',
    faq: '常見問題',
    article: '文章',
    updated: (date) => `更新於 ${date}`,
    languages: '語言',
  },
  en: {
    htmlLang: 'en',
    title: (workspace) => `${workspace} Help Center`,
    searchPlaceholder: 'Ask a question, e.g. when will I get my refund',
    searchButton: 'Search',
    categories: 'Categories',
    recent: 'Frequently asked questions',
    uncategorized: 'Other questions',
    home: 'Help Center home',
    resultsFor: (query) => `Results for “${query}”`,
    noResults: 'Nothing found. Try other words, or chat with us.',
    emptyCategory: 'Nothing in this category yet.',
    emptyHelpCenter: 'The help center has no content yet.',
    related: 'Related questions',
    notFound: 'Page not found',
    notFoundHint: 'What you are looking for does not exist or is no longer available.',
    faq: 'FAQ',
    article: 'Article',
    updated: (date) => `Updated ${date}`,
    languages: 'Language',
  },
};

export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };
