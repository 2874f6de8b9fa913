import json
import marshal
import pickle

import dill
import jsonpickle
import yaml


def load_session(request):
    # ruleid: python-pickle-marshal-load
    return pickle.loads(request.cookies["session"].encode("latin-1"))


def load_model(path):
    with open(path, "rb") as fh:
        # ruleid: python-pickle-marshal-load
        return pickle.load(fh)


def load_code(blob):
    # ruleid: python-pickle-marshal-load
    return marshal.loads(blob)


def restore_state(data):
    # ruleid: python-pickle-marshal-load
    return dill.loads(data)


def save_session(session):
    # ok: python-pickle-marshal-load
    return pickle.dumps(session)


def load_session_json(request):
    # ok: python-pickle-marshal-load
    return json.loads(request.cookies["session"])


def dump_code(code):
    # ok: python-pickle-marshal-load
    return marshal.dumps(code)


def read_config(stream):
    # ruleid: python-yaml-unsafe-load
    return yaml.load(stream, Loader=yaml.Loader)


def read_config_legacy(stream):
    # ruleid: python-yaml-unsafe-load
    return yaml.load(stream)


def read_all(stream):
    # ruleid: python-yaml-unsafe-load
    return list(yaml.unsafe_load_all(stream))


def read_full(stream):
    # ruleid: python-yaml-unsafe-load
    return yaml.load(stream, yaml.FullLoader)


def read_config_safe(stream):
    # ok: python-yaml-unsafe-load
    return yaml.safe_load(stream)


def read_config_safe_loader(stream):
    # ok: python-yaml-unsafe-load
    return yaml.load(stream, Loader=yaml.SafeLoader)


def write_config(config):
    # ok: python-yaml-unsafe-load
    return yaml.safe_dump(config)


def restore_cart(request):
    # ruleid: python-jsonpickle-decode
    return jsonpickle.decode(request.get_data(as_text=True))


def restore_job(payload):
    # ruleid: python-jsonpickle-decode
    job = jsonpickle.loads(payload)
    return job


def save_cart(cart):
    # ok: python-jsonpickle-decode
    return jsonpickle.encode(cart, unpicklable=False)


def restore_cart_json(request):
    # ok: python-jsonpickle-decode
    return json.loads(request.get_data(as_text=True))
