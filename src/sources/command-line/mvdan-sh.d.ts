/**
 * The small part of mvdan-sh (mvdan/sh's parser compiled to JavaScript by GopherJS)
 * that the run-line source uses. The package ships no types.
 */
declare module 'mvdan-sh' {
  export interface ShPos {
    Offset(): number;
    Line(): number;
    Col(): number;
  }
  export interface ShNode {
    Pos(): ShPos;
    End(): ShPos;
    [field: string]: any;
  }
  export interface ShParser {
    Parse(text: string, name: string): ShNode;
  }
  export interface ShSyntax {
    NewParser(...options: unknown[]): ShParser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: number): unknown;
    LangBash: number;
    LangPOSIX: number;
    NodeType(node: ShNode): string;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
  }
  const sh: { syntax: ShSyntax };
  export default sh;
}
