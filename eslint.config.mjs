// make lint: the theme's browser scripts (overrides/assets/javascripts), plain ES5+ run as classic scripts.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["**/vendor/**", "**/*.min.js", "node_modules/**", "site/**", "tools/vendor/**"] },
  js.configs.recommended,
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, document$: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "off",
      strict: ["error", "function"],
    },
  },
];
