/** The clock and id generator (`SandboxRuntime`). */
export const SANDBOX_RUNTIME = Symbol('SANDBOX_RUNTIME');
