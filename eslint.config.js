// Lint gate for `npm run check`: type-aware typescript-eslint, the layer rule, drizzle's safety rules.
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";
import layers from "./eslint/layers.js";

export default tseslint.config(
  { ignores: ["node_modules/", "drizzle/", "data/", "coverage/", "lib/", "eslint/", "eslint.config.js"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { vestnik: layers, drizzle },
    rules: {
      "vestnik/layers": "error",
      // Drizzle: a delete or update without a where clause empties or rewrites a whole table.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // Services are factories returning closures that never use `this`, so passing a method on is safe.
      "@typescript-eslint/unbound-method": "off",
      // An async function without await still returns a promise, which interfaces often require.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests and benchmarks read untyped JSON from fakes and use vitest's asymmetric matchers (typed any).
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
