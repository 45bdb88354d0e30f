import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from "axios";
import { ManagementClient, type ManagementClientOptions } from "auth0";
import { axiosFetcher, type AxiosFetcherOptions } from "auth0/plugins/axios";

/** A fresh axios instance whose request interceptor records what went through it: proof it is the user's instance. */
export function recordingInstance(): { instance: AxiosInstance; seen: InternalAxiosRequestConfig[] } {
  const instance = axios.create();
  const seen: InternalAxiosRequestConfig[] = [];
  instance.interceptors.request.use((config) => {
    seen.push(config);
    return config;
  });
  return { instance, seen };
}

/** A Management client whose transport is `instance`. */
export function managementOver(instance: AxiosInstance, options: ManagementClientOptions, plugin: AxiosFetcherOptions = {}): ManagementClient {
  return new ManagementClient({ ...options, plugins: [axiosFetcher(instance, plugin)] });
}

/** The path and query of each request an interceptor saw. */
export function pathsOf(seen: readonly InternalAxiosRequestConfig[]): string[] {
  return seen.map((config) => {
    const url = new URL(String(config.url));
    return `${config.method?.toUpperCase()} ${url.pathname}${url.search}`;
  });
}
