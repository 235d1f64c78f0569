// Text files bundled by esbuild's text loader (the sample manuscript).
declare module '*.md' {
  const text: string;
  export default text;
}
