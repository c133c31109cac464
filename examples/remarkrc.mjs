// Live validation of journeysite front matter in VS Code (remark extension) and on the command
// line (remark-cli). Copy this file to `.remarkrc.mjs` at the root of your portal, then:
//
//   npm install --save-dev remark-cli remark-frontmatter remark-lint-frontmatter-schema
//   journeysite schema -o schema/journeysite.schema.json
//   npx remark --frail --no-stdout docs/
//
// Adjust the globs to where your journeys, personas and stakeholders live. Other pages are not
// matched: their front matter (if any) is not journeysite's.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          "schema/journeysite.schema.json": [
            "docs/journeys/**/*.md",
            "docs/personas/**/*.md",
            "docs/stakeholders/**/*.md",
          ],
        },
        // Check a journey against the journey schema only (the schema's `discriminator`),
        // so each mistake gets one message instead of one per type.
        ajvOptions: { discriminator: true },
      },
    ],
  ],
};
