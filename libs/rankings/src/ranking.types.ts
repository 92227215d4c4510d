export interface BureauRef {
  code: string;
  name: string;
}
