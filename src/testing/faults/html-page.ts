import { statusText } from "../errors.js";

/** The kind of page nginx or a cloud load balancer returns when the upstream fails. */
export function proxyErrorPage(status: number): string {
  const title = `${status} ${statusText(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
