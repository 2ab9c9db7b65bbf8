import type { KnowledgeCategoryView } from '@kefu/shared';

export interface CategoryNode {
  key: string;
  value: string;
  title: string;
  children: CategoryNode[];
}

/** The flat category list as a tree (for Tree and TreeSelect), siblings by position. */
export function categoryTree(categories: KnowledgeCategoryView[], exclude?: string): CategoryNode[] {
  const byParent = new Map<string | null, KnowledgeCategoryView[]>();
  for (const category of categories) {
    const siblings = byParent.get(category.parentId) ?? [];
    siblings.push(category);
    byParent.set(category.parentId, siblings);
  }
  const build = (parentId: string | null): CategoryNode[] =>
    (byParent.get(parentId) ?? [])
      .filter((category) => category.id !== exclude)
      .sort((a, b) => a.position - b.position)
      .map((category) => ({
        key: category.id,
        value: category.id,
        title: category.name,
        children: build(category.id),
      }));
  return build(null);
}

/** A category's names from the top down to it: 售后服务 / 退换货. */
export function categoryPath(id: string | null, categories: KnowledgeCategoryView[]): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let at = id ? byId.get(id) : undefined; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
    names.unshift(at.name);
  }
  return names.join(' / ');
}
