/**
 * The page of a record the API names by its API address (an alert's or a drill-down item's `link`,
 * `/api/v1/leads/<id>`): `/leads/<id>`, `/projects/<id>`, `/investors/<id>`; a visit opens the visit list
 * filtered to it (`/visits?id=<id>`).
 */
export function pageOfApiLink(link: string): string {
  const path = link.replace(/^\/api\/v1/, '');
  const visit = /^\/visits\/([^/?#]+)$/.exec(path);
  if (visit) return `/visits?id=${encodeURIComponent(visit[1])}`;
  return path;
}
