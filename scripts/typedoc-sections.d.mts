/** Types of scripts/typedoc-sections.mjs (a TypeDoc plugin, loaded by TypeDoc as plain JavaScript). */
export declare function exportSections(text: string): {
  sections: string[];
  groupOf: Map<string, string>;
  unsectioned: string[];
};
export declare function load(app: unknown): void;
