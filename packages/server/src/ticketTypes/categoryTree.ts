import type { TicketCategoryView } from '@kefu/shared';
import type { TicketCategoryRow } from './categoryRepository.js';

/** The workspace's categories as a tree: paths, depths and depth-first order, from one list read. */
export class CategoryTree {
  private readonly byId: Map<string, TicketCategoryRow>;

  constructor(private readonly rows: TicketCategoryRow[]) {
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Names from the top down. */
  path(id: string): string[] {
    const names: string[] = [];
    for (let row = this.byId.get(id); row; row = row.parent_id ? this.byId.get(row.parent_id) : undefined) {
      names.unshift(row.name);
    }
    return names;
  }

  depth(id: string): number {
    return this.path(id).length;
  }

  children(id: string | null): TicketCategoryRow[] {
    return this.rows.filter((r) => r.parent_id === id);
  }

  /** Levels below the category: 0 for a leaf. */
  height(id: string): number {
    return Math.max(0, ...this.children(id).map((c) => 1 + this.height(c.id)));
  }

  isWithin(id: string, ancestorId: string): boolean {
    for (let row = this.byId.get(id); row; row = row.parent_id ? this.byId.get(row.parent_id) : undefined) {
      if (row.id === ancestorId) return true;
    }
    return false;
  }

  /** Depth-first: each category after its parent, siblings in list order (position, then name). */
  views(): TicketCategoryView[] {
    const out: TicketCategoryView[] = [];
    const visit = (parentId: string | null) => {
      for (const row of this.children(parentId)) {
        out.push({
          id: row.id,
          parentId: row.parent_id,
          name: row.name,
          path: this.path(row.id),
          position: row.position,
          createdAt: new Date(row.created_at).toISOString(),
          updatedAt: new Date(row.updated_at).toISOString(),
        });
        visit(row.id);
      }
    };
    visit(null);
    return out;
  }
}
