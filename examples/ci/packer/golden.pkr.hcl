# Golden image gate for Packer: the docker builder makes the image, a shell-local post-processor
# saves it and runs svcaudit's gate on the archive. A gate failure fails `packer build`.
#
#     SVCAUDIT_DIR=/path/to/svcaudit packer build golden.pkr.hcl
#
# The post-processor's commands are in gate-image.sh beside this file (its self-test runs that script
# with the environment_vars below; tests_meta/test_ci_recipes.py reads them from this file).
packer {
  required_plugins {
    docker = {
      source  = "github.com/hashicorp/docker"
      version = ">= 1.0.0"
    }
  }
}

source "docker" "base" {
  image  = "debian:12"
  commit = true
}

build {
  sources = ["source.docker.base"]

  provisioner "shell" {
    script = "${path.root}/harden.sh" # your hardening
  }

  post-processors {
    post-processor "docker-tag" {
      repository = "golden/base"
      tags       = ["candidate"]
    }
    post-processor "shell-local" {
      environment_vars = [
        "IMAGE=golden/base:candidate",
        "IMAGE_ARCHIVE=image.tar",
        "REPORTS=svcaudit-reports",
        "SVCAUDIT_FAIL_ON=high",
      ]
      script = "${path.root}/gate-image.sh"
    }
  }
}
