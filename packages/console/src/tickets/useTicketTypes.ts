import type { TicketCategoryView, TicketTypeView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { listTicketCategories, listTicketTypes, ticketCategoriesKey, ticketTypesKey } from '../api/ticketTypes';

/** Ticket types with their forms and workflows; they change rarely, so one read serves every page for a while. */
export function useTicketTypes() {
  return useQuery({
    queryKey: ticketTypesKey,
    queryFn: ({ signal }) => listTicketTypes(signal),
    staleTime: 60_000,
  });
}

export function useTicketType(typeId: string | undefined): TicketTypeView | undefined {
  const types = useTicketTypes();
  return types.data?.items.find((type) => type.id === typeId);
}

export function useTicketCategories() {
  return useQuery({
    queryKey: ticketCategoriesKey,
    queryFn: ({ signal }) => listTicketCategories(signal),
    staleTime: 60_000,
  });
}

export interface CategoryNode {
  value: string;
  title: string;
  children: CategoryNode[];
}

/** The depth-first category list as a tree for TreeSelect. */
export function categoryTree(categories: readonly TicketCategoryView[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const category of categories) {
    const node: CategoryNode = { value: category.id, title: category.name, children: [] };
    nodes.set(category.id, node);
    const parent = category.parentId ? nodes.get(category.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
