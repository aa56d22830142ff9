// Vite's client types: CSS imports (the bundled Roboto faces) and import.meta.env.
/// <reference types="vite/client" />
