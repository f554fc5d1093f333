import { readBuildMetadata } from "./src/build-metadata";
import { readConfig } from "./src/config";
import { checkDockerDaemon, DaemonCheck } from "./src/docker-daemon";
import { NginxSite } from "./src/nginx-site";

// Pulumi calls the exported function with no argument and publishes what it returns as stack outputs.
// Being async lets every check finish before a resource exists; the unit tests pass their own daemon
// check because Pulumi's mocks stand in for Docker there.
export = async (checkDaemon: DaemonCheck = checkDockerDaemon) => {
  const config = readConfig();
  await checkDaemon(config.dockerHost);

  // The site: its image build, the optional push, and the container that serves it. Pulumi runs the
  // program from the project folder, so the build context is given relative to it and stays the same
  // on every machine.
  const site = new NginxSite("site", { ...config.site, ...readBuildMetadata(__dirname), sourceDir: "." });

  return {
    url: site.url,
    imageRef: site.imageRef,
    digest: site.digest,
    containerName: site.containerName,
  };
};
