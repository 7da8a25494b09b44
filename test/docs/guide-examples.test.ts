/**
 * The guides' test examples (`examples/guides/testing-*.ts`) are vitest suites themselves: importing them
 * here runs them with `npm test`, so the testing guide shows tests that pass.
 */
import "../../examples/guides/testing-1.ts"
import "../../examples/guides/testing-2.ts"
