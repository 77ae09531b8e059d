def greeting():
    return "hello from the container"
